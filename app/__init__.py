"""Promptly's Qt-free core: domain, policy, scheduler, storage and the command line."""

__version__ = "0.1.0"
