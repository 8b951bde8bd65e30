"""The board module: server-rendered HTML pages whose parts are swapped in place."""
