"""Services plan changes; the change set writes them."""
