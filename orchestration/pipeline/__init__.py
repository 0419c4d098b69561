"""The Dagster side: definitions, assets, jobs, schedules, sensors, asset checks and
resources, and what runs dbt and Great Expectations for them."""
