import argparse
from datetime import date


def iso_date(value: str) -> date:
    """argparse type for --date: a clear message instead of a traceback on a bad date."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in the form YYYY-MM-DD") from None
