// A small ray tracer: spheres and a plane, a point light, shadows and one
// level of reflection, vectors as immutable class instances. Renders a small
// image and folds the pixel colours into a checksum. Self-checking.
"use strict";

class Vec {
  constructor(x, y, z) { this.x = x; this.y = y; this.z = z; }
  add(o) { return new Vec(this.x + o.x, this.y + o.y, this.z + o.z); }
  sub(o) { return new Vec(this.x - o.x, this.y - o.y, this.z - o.z); }
  scale(k) { return new Vec(this.x * k, this.y * k, this.z * k); }
  dot(o) { return this.x * o.x + this.y * o.y + this.z * o.z; }
  mul(o) { return new Vec(this.x * o.x, this.y * o.y, this.z * o.z); }
  length() { return Math.sqrt(this.dot(this)); }
  norm() { return this.scale(1 / this.length()); }
}

class Ray {
  constructor(origin, dir) { this.origin = origin; this.dir = dir; }
  at(t) { return this.origin.add(this.dir.scale(t)); }
}

class Sphere {
  constructor(center, radius, color, reflect) {
    this.center = center; this.radius = radius; this.color = color; this.reflect = reflect;
  }
  intersect(ray) {
    const oc = ray.origin.sub(this.center);
    const b = oc.dot(ray.dir);
    const c = oc.dot(oc) - this.radius * this.radius;
    const disc = b * b - c;
    if (disc < 0) return Infinity;
    const s = Math.sqrt(disc);
    const t = -b - s;
    if (t > 1e-4) return t;
    const t2 = -b + s;
    return t2 > 1e-4 ? t2 : Infinity;
  }
  normalAt(p) { return p.sub(this.center).norm(); }
  colorAt(_p) { return this.color; }
}

class Plane {
  constructor(normal, offset, reflect) { this.normal = normal; this.offset = offset; this.reflect = reflect; }
  intersect(ray) {
    const d = this.normal.dot(ray.dir);
    if (Math.abs(d) < 1e-9) return Infinity;
    const t = -(this.normal.dot(ray.origin) + this.offset) / d;
    return t > 1e-4 ? t : Infinity;
  }
  normalAt(_p) { return this.normal; }
  colorAt(p) {
    const check = (Math.floor(p.x) + Math.floor(p.z)) & 1;
    return check ? new Vec(0.9, 0.9, 0.9) : new Vec(0.2, 0.2, 0.2);
  }
}

class Scene {
  constructor() {
    this.things = [
      new Sphere(new Vec(0, 1, 3), 1, new Vec(0.8, 0.2, 0.2), 0.3),
      new Sphere(new Vec(-2, 0.7, 4), 0.7, new Vec(0.2, 0.8, 0.2), 0.1),
      new Sphere(new Vec(2, 0.5, 2.5), 0.5, new Vec(0.2, 0.3, 0.9), 0.5),
      new Plane(new Vec(0, 1, 0), 0, 0.2),
    ];
    this.light = new Vec(-3, 5, -2);
    this.ambient = 0.1;
  }
  closest(ray) {
    let best = Infinity, hit = null;
    for (const thing of this.things) {
      const t = thing.intersect(ray);
      if (t < best) { best = t; hit = thing; }
    }
    return hit === null ? null : { thing: hit, t: best };
  }
  trace(ray, depth) {
    const hit = this.closest(ray);
    if (hit === null) return new Vec(0.05, 0.05, 0.1);
    const p = ray.at(hit.t);
    const n = hit.thing.normalAt(p);
    const base = hit.thing.colorAt(p);
    const toLight = this.light.sub(p);
    const dist = toLight.length();
    const l = toLight.scale(1 / dist);
    let diffuse = 0;
    const shadow = this.closest(new Ray(p, l));
    if (shadow === null || shadow.t > dist) diffuse = Math.max(0, n.dot(l));
    let color = base.scale(this.ambient + diffuse * 0.9);
    if (depth > 0 && hit.thing.reflect > 0) {
      const r = ray.dir.sub(n.scale(2 * n.dot(ray.dir)));
      color = color.add(this.trace(new Ray(p, r), depth - 1).scale(hit.thing.reflect));
    }
    return color;
  }
}

function render(width, height) {
  const scene = new Scene();
  const eye = new Vec(0, 1.5, -4);
  let checksum = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dir = new Vec((x - width / 2) / width, (height / 2 - y) / height, 1).norm();
      const c = scene.trace(new Ray(eye, dir), 2);
      const r = Math.min(255, Math.floor(c.x * 255));
      const g = Math.min(255, Math.floor(c.y * 255));
      const b = Math.min(255, Math.floor(c.z * 255));
      checksum = (checksum * 31 + r * 65536 + g * 256 + b) % 1000000007;
    }
  }
  return checksum;
}

const result = render(320, 240);
const EXPECTED = 875786591;
console.log(`raytrace: ${result}`);
if (result !== EXPECTED) {
  console.log(`raytrace: wrong result, expected ${EXPECTED}`);
  process.exit(1);
}
