"""openness: is this AI model release really open, and what would make it more open?"""

__version__ = "0.1.0"
