"""The project on disk: where it is, its state and lock, and the ChangeSet."""
