// V8 forgets an object shape (hidden class) once a full GC finds no object of it left, and then
// throws away every optimized function that checked for it ("weak objects" deoptimizations). The
// runtime's per-visit and per-execution objects all die when an execution ends, so an application
// that runs an execution now and then, with a GC in between, would run every one in cold code (the
// Map-over-Tasks benchmark ran two to three times slower). Each hot constructor stores its latest
// object here: only the shape matters, and each slot holds one object until the next replaces it.
export const shapeAnchors: {
  execution: object | undefined;
  visit: object | undefined;
  data: object | undefined;
  taskContext: object | undefined;
} = {
  execution: undefined,
  visit: undefined,
  data: undefined,
  taskContext: undefined,
};
