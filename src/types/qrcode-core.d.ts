// qrcode's encoder without its renderers (PNG, terminal, canvas), which the
// tool never uses: the same create() the package's main module exports.
declare module 'qrcode/lib/core/qrcode.js' {
  export function create(text: string, options?: import('qrcode').QRCodeOptions): import('qrcode').QRCode;
}
