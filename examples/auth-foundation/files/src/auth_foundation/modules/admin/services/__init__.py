"""Use cases of the admin module."""

from .admin_service import AdminService

__all__ = ["AdminService"]
