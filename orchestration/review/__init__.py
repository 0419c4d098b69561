"""The review studio (issue 17): a local web page over the files the CLI writes, where a
curator takes a document from text to warehouse (add, review candidates, accept into raw/,
rebuild, read the checks). docs/review.md describes it."""
