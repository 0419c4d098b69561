"""What the warehouse tells people: the nightly report and its charts, changes between
builds, failures and alerts, the docs site, Excel and the query commands' output."""
