"""The project on disk: where it is, its state and lock, and the ChangeSet."""

# The interrupted-change journal's folder, here so that asking whether one is
# pending (every `check`) need not import the journal module.
JOURNAL = ".poleposition.journal"
