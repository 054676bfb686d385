// PageInfo.endCursor: the key of the page's last item ({{endKey}}, given by its connection), encoded by the post-pass.
{{endKey}}
