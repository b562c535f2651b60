"""omniready: an omnichannel readiness audit."""

__version__ = "0.1.0"
