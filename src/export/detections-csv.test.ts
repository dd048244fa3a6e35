import { describe, expect, it } from 'vitest';
import { CSV_FILE_NAME, csvField, csvWriter, spreadsheetSafe } from './detections-csv.ts';
import { SAMPLE_LABELS, SAMPLE_RESULTS } from './sample-results.ts';
import { collectChunks } from './writer.ts';

const csv = async (keep?: ReadonlySet<number>) =>
  (await collectChunks(csvWriter({ labels: SAMPLE_LABELS, ...(keep ? { keep } : {}) }), SAMPLE_RESULTS)).join('');

/** A small RFC 4180 reader, to prove the file round-trips (quoted commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('detections.csv', () => {
  it('is the hand-written file: a row per box, an image without boxes as one row with empty class fields', async () => {
    expect(await csv()).toBe(
      [
        'image,width,height,class_id,label,score,x1,y1,x2,y2',
        'street/cam 1/0001.jpg,400,500,0,person,0.8765,100.00,50.00,300.00,250.00',
        'street/cam 1/0001.jpg,400,500,1,traffic light,0.5000,10.00,20.01,30.50,40.25',
        'empty.png,640,480,,,,,,,',
        'ünïcode/日本.jpg,1000,800,2,"café, ""bar""",1.0000,0.00,0.00,1000.00,800.00',
        '',
      ].join('\r\n'),
    );
  });

  it('the class filter leaves an image whose boxes are all filtered out as one empty row', async () => {
    expect((await csv(new Set([2]))).split('\r\n').slice(1)).toEqual([
      'street/cam 1/0001.jpg,400,500,,,,,,,',
      'empty.png,640,480,,,,,,,',
      'ünïcode/日本.jpg,1000,800,2,"café, ""bar""",1.0000,0.00,0.00,1000.00,800.00',
      '',
    ]);
  });

  it('round-trips paths and labels with commas, quotes, CR/LF and unicode (RFC 4180)', async () => {
    const labels = ['a,b', 'say "hi"', 'two\nlines', 'ünï 🚌'];
    const files = ['dir, with comma/x.jpg', 'q"uote.jpg', 'cr\r\nlf.jpg', '日本/写真.jpg'];
    const results = files.map((file, classId) => ({
      file,
      width: 10,
      height: 10,
      detections: [{ x1: 1, y1: 2, x2: 3, y2: 4, score: 0.5, classId, label: '' }],
    }));
    const rows = parseCsv((await collectChunks(csvWriter({ labels }), results)).join(''));
    expect(rows.slice(1).map((r) => [r[0], r[4]])).toEqual(files.map((f, i) => [f, labels[i]]));
    expect(rows.every((r) => r.length === 10)).toBe(true);
  });

  it('writes a leading apostrophe before text a spreadsheet would run as a formula', async () => {
    expect(spreadsheetSafe('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    for (const s of ['+1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(spreadsheetSafe(s)).toBe(`'${s}`);
    for (const s of ['a=b', 'photo-1.jpg', '1+1']) expect(spreadsheetSafe(s)).toBe(s);
    const rows = (
      await collectChunks(csvWriter({ labels: ['=cmd|calc'] }), [
        {
          file: '=1+2.jpg',
          width: 5,
          height: 5,
          detections: [{ x1: 0, y1: 0, x2: 1, y2: 1, score: 1, classId: 0, label: '' }],
        },
      ])
    ).join('');
    expect(rows.split('\r\n')[1]).toBe("'=1+2.jpg,5,5,0,'=cmd|calc,1.0000,0.00,0.00,1.00,1.00");
  });

  it('quotes a field only when RFC 4180 needs it', () => {
    expect(csvField('plain text')).toBe('plain text');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });

  it('an empty run is the header alone', async () => {
    const w = csvWriter({ labels: SAMPLE_LABELS });
    expect(w.fileName).toBe(CSV_FILE_NAME);
    expect((await collectChunks(w, [])).join('')).toBe('image,width,height,class_id,label,score,x1,y1,x2,y2\r\n');
  });
});
