"""The admin module: routes for administrators only (`require_roles("admin")`)."""
