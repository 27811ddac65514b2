import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initBackend, watchWebglContext } from './initBackend';

describe('initBackend', () => {
  it('starts the cpu backend when asked for it, with no renderer and no fall-back', async () => {
    expect(await initBackend('cpu')).toEqual({
      backend: 'cpu',
      renderer: null,
      fellBackFrom: null,
      message: null,
    });
    expect(tf.getBackend()).toBe('cpu');
  });

  it('falls back from webgl in Node and says why', async () => {
    const info = await initBackend('webgl', {
      wasmPaths: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/',
    });
    expect(info.fellBackFrom).toBe('webgl');
    expect(['wasm', 'cpu']).toContain(info.backend);
    expect(info.message).toMatch(/webgl/);
    await tf.setBackend('cpu');
  });

  it('returns a no-op unsubscribe when the backend has no WebGL canvas', () => {
    expect(typeof watchWebglContext(() => {})).toBe('function');
  });
});
