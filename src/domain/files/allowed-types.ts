// What may be uploaded as evidence: PDF, images and Office documents, recognised by their content
// (magic numbers), never by the name the browser sends. Macro-enabled Office files are refused.
import { invalid } from '../errors.ts';

const ALLOWED: Record<string, { label: string; exts: readonly string[] }> = {
  'application/pdf': { label: 'PDF', exts: ['pdf'] },
  'image/png': { label: 'PNG 图片', exts: ['png'] },
  'image/jpeg': { label: 'JPEG 图片', exts: ['jpg', 'jpeg'] },
  'image/webp': { label: 'WebP 图片', exts: ['webp'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word 文档', exts: ['docx'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel 工作簿', exts: ['xlsx'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { label: 'PowerPoint 演示文稿', exts: ['pptx'] },
  // Office 97–2003 (Compound File Binary): .doc/.xls/.ppt, still common in government offices.
  'application/x-cfb': { label: 'Office 97–2003 文档', exts: ['doc', 'xls', 'ppt'] },
};

export const ALLOWED_TYPES_TEXT = 'PDF、PNG/JPEG/WebP 图片、Word/Excel/PowerPoint 文档';

/** Checks the sniffed type against the allow-list and the name's extension; returns the extension to keep. */
export function checkFileType(sniffed: { mime: string; ext: string } | undefined, fileName: string): { mime: string; ext: string; label: string } {
  const claimed = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase();
  if (!sniffed || !ALLOWED[sniffed.mime]) {
    const what = sniffed ? `.${sniffed.ext}(${sniffed.mime})` : '无法识别的内容';
    throw invalid('file', `文件“${fileName}”的内容是${what},只接受 ${ALLOWED_TYPES_TEXT}`);
  }
  const allowed = ALLOWED[sniffed.mime]!;
  if (!claimed || !allowed.exts.includes(claimed)) {
    throw invalid('file', `文件“${fileName}”的扩展名与内容不符:内容是${allowed.label}(.${allowed.exts.join('/.')}),请检查是否上传错了文件`);
  }
  return { mime: sniffed.mime, ext: claimed, label: allowed.label };
}

/** A file name fit to show and to send back in Content-Disposition. */
export function checkFileName(name: unknown): string {
  if (typeof name !== 'string') throw invalid('name', '须提供文件名(name)');
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200) throw invalid('name', '文件名须为1–200个字符');
  if (/[\p{Cc}\p{Cs}/\\]/u.test(trimmed)) throw invalid('name', '文件名不能含控制字符或路径分隔符');
  return trimmed;
}
