// PageInfo.hasNextPage of the customers page: one row more than the page size was read.
size({{rows}}) > {{size}}
