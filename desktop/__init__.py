"""决算公开助手 (juesuan): government final-account disclosure reports, made consistent."""

__version__ = "0.1.0"
