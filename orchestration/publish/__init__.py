"""A build's life: full or incremental plan, one build at a time, what it records
about itself, and the immutable snapshots that an atomic swap makes live."""
