{{ config(tags=['post_validation']) }}
select
    suite,
    expectation_id,
    expectation_type,
    column_name,
    severity,
    success,
    element_count,
    unexpected_count,
    details
from {{ source('validation', 'expectation_results') }}
