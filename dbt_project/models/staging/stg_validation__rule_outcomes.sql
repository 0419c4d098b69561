{{ config(tags=['post_validation']) }}
select check_id, failed_expectations
from {{ source('validation', 'rule_outcomes') }}
