// The base of every error this package throws, and how each class gets a name that survives
// minifiers and works across realms.

/**
 * Gives a class its `name` on its prototype, explicitly: minifiers rename classes, so
 * `new.target.name` would turn `RateLimitError` into `e`. The prototype chain of names is also
 * what `is()` reads, so the guards work across realms and duplicate copies of this package.
 */
export function named(ErrorClass: { prototype: Error }, name: string): void {
  Object.defineProperty(ErrorClass.prototype, "name", {
    value: name,
    writable: true,
    configurable: true,
    enumerable: false,
  });
}

/** Base class: `catch (e) { if (e instanceof MiniMaxError) … }` catches everything from this package. */
export class MiniMaxError extends Error {
  static {
    named(this, "MiniMaxError");
  }

  /**
   * `instanceof` that also works across realms (a worker, a vm context, a second copy of this
   * package): true when `value` is this class or a subclass, judged by the class names on its
   * prototype chain.
   * @example if (RateLimitError.is(error)) await wait(error.retryAfter ?? 1);
   */
  static is<T extends abstract new (...args: never[]) => MiniMaxError>(
    this: T,
    value: unknown,
  ): value is InstanceType<T> {
    if (value instanceof this) return true;
    const wanted: unknown = this.prototype.name;
    for (
      let proto: unknown = value === null || typeof value !== "object" ? null : Object.getPrototypeOf(value);
      proto;
      proto = Object.getPrototypeOf(proto)
    ) {
      if (Object.hasOwn(proto as object, "name") && (proto as { name: unknown }).name === wanted) return true;
    }
    return false;
  }

  /** Plain data for logs: JSON.stringify(error) would otherwise give `{}` without the message. */
  toJSON(): Record<string, unknown> {
    const { stack: _stack, ...fields } = { ...this, name: this.name, message: this.message };
    return fields;
  }
}
