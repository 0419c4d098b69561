select
    relation_id,
    position,
    figure_id
from {{ source('raw', 'relation_members') }}
