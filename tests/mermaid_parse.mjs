// Parses Mermaid diagrams with Mermaid's own parser (the pinned npm package) and prints what it
// understood as JSON, so tests can compare it with the diagram model.
//
// Input on stdin: a JSON list of diagram texts. Output: a JSON list, one entry per diagram,
// either {"error": message} or the parsed structure. Texts are printed as Mermaid keeps them
// after parsing: entity codes still in its internal form (e.g. "ﬂ°°58¶ß" for "#58;"), so the
// caller can tell the emitter's own markup (<br>, <b>) from escaped author text.
//
// Mermaid sanitizes labels with DOMPurify, which needs a DOM: jsdom (a pinned dev dependency)
// provides one. Nothing is rendered; only the parser and the diagram's database are used.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

function journey(db) {
  return {
    type: "journey",
    title: db.getDiagramTitle(),
    accTitle: db.getAccTitle(),
    accDescription: db.getAccDescription(),
    sections: db.getSections(),
    tasks: db.getTasks().map((t) => ({ section: t.section, task: t.task, score: t.score, people: t.people })),
    actors: db.getActors(),
  };
}

function flowchart(db) {
  return {
    type: "flowchart",
    accTitle: db.getAccTitle(),
    accDescription: db.getAccDescription(),
    direction: db.getDirection ? db.getDirection() : db.direction,
    vertices: [...db.getVertices().values()].map((v) => ({ id: v.id, text: v.text, link: v.link ?? null, classes: v.classes })),
    edges: db.getEdges().map((e) => ({ start: e.start, end: e.end })),
    subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: s.title, nodes: s.nodes, dir: s.dir ?? null })),
    tooltips: Object.fromEntries(db.tooltips instanceof Map ? db.tooltips : Object.entries(db.tooltips ?? {})),
  };
}

const texts = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const text of texts) {
  try {
    const parsed = await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const structure = parsed.diagramType === "journey" ? journey(db) : flowchart(db);
    // A copy now: the diagram's database reuses its arrays for the next diagram.
    results.push(JSON.parse(JSON.stringify({ ...structure, diagramType: parsed.diagramType, config: parsed.config ?? {} })));
  } catch (error) {
    results.push({ error: String(error && error.message ? error.message : error) });
  }
}
process.stdout.write(JSON.stringify(results));
