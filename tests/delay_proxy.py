#!/usr/bin/python3
"""tests/delay_proxy.py: a TCP proxy on 127.0.0.1 that holds every chunk
for DELAY_MS before passing it on, in each direction, in order: a link
across continents, for the ssh test. It writes the port it listens on to
PORT_FILE once it listens, and serves until killed.

usage: tests/delay_proxy.py DELAY_MS TARGET_PORT PORT_FILE
"""
import asyncio
import os
import sys


async def pipe(reader, writer, delay):
    """Copies reader to writer, each chunk delay seconds after it came."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def read():
        while True:
            data = await reader.read(65536)
            await queue.put((loop.time() + delay, data))
            if not data:
                return

    async def write():
        while True:
            due, data = await queue.get()
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                writer.close()
                return
            writer.write(data)
            await writer.drain()

    try:
        await asyncio.gather(read(), write())
    except (ConnectionError, asyncio.CancelledError):
        writer.close()


async def main():
    delay = int(sys.argv[1]) / 1000.0
    target = int(sys.argv[2])
    port_file = sys.argv[3]

    async def serve(client_r, client_w):
        try:
            server_r, server_w = await asyncio.open_connection("127.0.0.1",
                                                               target)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(pipe(client_r, server_w, delay),
                             pipe(server_r, client_w, delay))

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    with open(port_file + ".tmp", "w") as f:
        f.write("%d\n" % port)
    os.rename(port_file + ".tmp", port_file)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
