# xlsx_cells.py: reads an XLSX workbook back as a reader would, with the
# standard library only (zipfile, xml.etree), for the report tests.
#   book = Book(path); book.names -> worksheet names in order;
#   book.rows(name) -> {row number: {column letter: value}} where value is
#   a float for a number cell and a str for text; book.xml(name) -> the
#   worksheet's XML text (page setup); book.part(path) -> any part's text.
import re
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class Book:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        bad = self.zip.testzip()
        if bad:
            raise ValueError("corrupt member " + bad)
        wb = ET.fromstring(self.zip.read("xl/workbook.xml"))
        rels = ET.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        self.names = []
        self.paths = {}
        for s in wb.find("m:sheets", NS):
            name = s.get("name")
            self.names.append(name)
            self.paths[name] = "xl/" + target[s.get(REL)].lstrip("/").replace("xl/", "", 1)
        self.defined = {d.get("name") + ":" + (d.get("localSheetId") or ""): d.text
                        for d in wb.iter("{%s}definedName" % NS["m"])}
        self.shared = []
        if "xl/sharedStrings.xml" in self.zip.namelist():
            sst = ET.fromstring(self.zip.read("xl/sharedStrings.xml"))
            for si in sst.findall("m:si", NS):
                self.shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))

    def part(self, path):
        return self.zip.read(path).decode("utf-8")

    def xml(self, name):
        return self.part(self.paths[name])

    def rows(self, name):
        root = ET.fromstring(self.zip.read(self.paths[name]))
        out = {}
        for row in root.iter("{%s}row" % NS["m"]):
            cells = {}
            for c in row.findall("m:c", NS):
                col = re.match(r"[A-Z]+", c.get("r")).group(0)
                t = c.get("t")
                if t == "inlineStr":
                    cells[col] = "".join(x.text or "" for x in c.iter("{%s}t" % NS["m"]))
                elif t == "s":
                    cells[col] = self.shared[int(c.find("m:v", NS).text)]
                elif t == "str":
                    cells[col] = c.find("m:v", NS).text or ""
                else:
                    v = c.find("m:v", NS)
                    if v is not None:
                        cells[col] = float(v.text)
            out[int(row.get("r"))] = cells
        return out
