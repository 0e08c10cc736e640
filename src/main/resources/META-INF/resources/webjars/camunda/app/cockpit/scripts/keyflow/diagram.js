// Draws a BPMN diagram with the vendored bpmn-js viewer and marks the path a finished instance took.
let viewerClass;

/** The bpmn-js Viewer class, loaded once. The UMD bundle is evaluated with its own module object
 * so that it neither needs nor disturbs Cockpit's AMD loader. */
async function viewer() {
  if (!viewerClass) {
    const base = new URL('./vendor/bpmn-js/', import.meta.url);
    document.head.appendChild(Object.assign(document.createElement('link'),
      { rel: 'stylesheet', href: new URL('diagram-js.css', base).href }));
    const source = await (await fetch(new URL('bpmn-viewer.production.min.js', base))).text();
    const module = { exports: {} };
    new Function('module', 'exports', 'define', source)(module, module.exports, undefined);
    viewerClass = module.exports;
  }
  return viewerClass;
}

/**
 * Renders the XML into the container and marks the activities taken (and the flows between two
 * taken activities).
 */
export async function drawPath(container, xml, takenActivityIds) {
  const Viewer = await viewer();
  const bpmn = new Viewer({ container });
  await bpmn.importXML(xml);
  const canvas = bpmn.get('canvas');
  const registry = bpmn.get('elementRegistry');
  const taken = new Set(takenActivityIds);
  registry.forEach((element) => {
    if (taken.has(element.id)) {
      canvas.addMarker(element.id, 'keyflow-taken');
    } else if (element.type === 'bpmn:SequenceFlow' && element.source && element.target
        && taken.has(element.source.id) && taken.has(element.target.id)) {
      canvas.addMarker(element.id, 'keyflow-taken');
    }
  });
  canvas.zoom('fit-viewport');
  container.setAttribute('data-taken', [...taken].join(' '));
  return bpmn;
}
