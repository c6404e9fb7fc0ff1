// Marks user activity on an X display, as a key press would, without xdotool or xset: one core-protocol request.
import { createConnection } from 'node:net';

/**
 * Nothing types on a virtual display, so the X server reports the machine idle for as long as it has run.
 * ForceScreenSaver(Reset) restarts that idle time, which is what Chromium's idle API reads (MIT-SCREEN-SAVER).
 */
export function markUserActivity(display: string): Promise<void> {
  const number = display.replace(/^.*:/, '').split('.')[0];
  return new Promise((resolve, reject) => {
    const socket = createConnection(`/tmp/.X11-unix/X${number}`);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer from the X server on ${display}`));
    }, 5_000);
    let received = Buffer.alloc(0);
    let setupLength: number | null = null;
    let requested = false;
    socket.on('connect', () => {
      // Connection setup, little-endian, protocol 11.0, no authorisation (Xvfb was started without any).
      const setup = Buffer.alloc(12);
      setup.write('l', 0, 'latin1');
      setup.writeUInt16LE(11, 2);
      setup.writeUInt16LE(0, 4);
      socket.write(setup);
    });
    socket.on('data', (data) => {
      received = Buffer.concat([received, data]);
      if (setupLength === null) {
        if (received.length < 8) return;
        if (received[0] !== 1) {
          clearTimeout(timer);
          socket.destroy();
          reject(new Error(`the X server on ${display} refused the connection (status ${received[0]})`));
          return;
        }
        setupLength = 8 + 4 * received.readUInt16LE(6);
      }
      if (received.length < setupLength) return;
      if (!requested) {
        requested = true;
        // ForceScreenSaver: opcode 115, mode 0 = Reset, one word. GetInputFocus (43) after it is answered,
        // and its reply proves the reset was processed before we return.
        socket.write(Buffer.from([115, 0, 1, 0, 43, 0, 1, 0]));
      }
      if (received.length >= setupLength + 32) {
        clearTimeout(timer);
        socket.end();
        resolve();
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}
