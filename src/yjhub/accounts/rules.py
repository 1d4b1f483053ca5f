"""Loaded by ``rules``' autodiscovery: registers the permissions of ``permissions.py``."""

from yjhub.accounts import permissions  # noqa: F401
