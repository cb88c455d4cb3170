import { describe, expect, it } from 'vitest';
import { csvRecordCounter, exportFileName } from './export-customers';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('csvRecordCounter', () => {
  it('counts finished records across chunks, not line breaks inside quoted cells', () => {
    const count = csvRecordCounter();
    expect(count(bytes('id,name,notes\r\n1,Zakład,"two\r\nlines"\r'))).toBe(1);
    expect(count(bytes('\n2,"Say ""hi""",x\r\n3,Łódź,'))).toBe(3);
    expect(count(bytes('"a,\nb"\r\n'))).toBe(4);
  });
});

describe('exportFileName', () => {
  it("takes the API's name, or a plain one", () => {
    expect(exportFileName('attachment; filename="customers-20261207-133000.csv"')).toBe('customers-20261207-133000.csv');
    expect(exportFileName(null)).toBe('customers.csv');
  });
});
