// PageInfo.hasPreviousPage: the page started after a cursor (a parameter, from the `after` argument).
{{hasPrevious}}
