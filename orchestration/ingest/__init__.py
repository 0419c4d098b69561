"""Raw inputs: reading and validating everything under raw/ (figures, tables, the
enterprise register and monthly reports, reference tables) against its contract."""
