"""Names: validating what users type, and inflecting module names into class names."""
