"""Pure models: numbers in, numbers out. No plotting, no file access.

One module per chapter topic; each function validates its arguments and cites its sources.
"""
