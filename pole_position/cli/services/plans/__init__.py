"""Plan builders: one module per lifecycle verb, each building a ChangeSet."""
