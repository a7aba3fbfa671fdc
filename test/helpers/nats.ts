import net from 'node:net';

/** Whether nats-server (JetStream) answers on 127.0.0.1:4222 with its INFO line; .ci/run starts one when it does not. */
export async function natsReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(4222, '127.0.0.1');
    socket.once('data', (chunk) => (socket.destroy(), resolve(chunk.toString().startsWith('INFO'))));
    socket.once('error', () => resolve(false));
    socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
  });
}
