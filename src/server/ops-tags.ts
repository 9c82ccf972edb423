// TagResource, UntagResource and ListTagsForResource on state machines and activities. A machine's
// tags are kept with its resource in the store, an activity's with the activity (also in the store),
// so a deleted activity's tags go with it.
import type { JsonObject } from '../core/json.js';
import type { Engine } from '../service/engine.js';
import type { ResourceTag } from '../store/types.js';
import { MachineRegistry, nameOfArn } from './machine-registry.js';
import { checkTagCount, mergeTags, readTagKeys, readTags, tagList } from './machine-settings.js';
import { ApiError, checkArn, checkLength, requiredString, type Operation } from './wire.js';

/** A tagged resource: its tags now, and how to keep new ones. */
interface Tagged {
  readonly arn: string;
  readonly tags: readonly ResourceTag[];
  save(tags: readonly ResourceTag[]): Promise<void>;
}

export function tagOperations(engine: Engine): Record<string, Operation> {
  const registry = new MachineRegistry(engine);

  async function tagged(body: JsonObject): Promise<Tagged> {
    const arn = requiredString(body, 'resourceArn');
    checkLength(arn, 'resourceArn', 1, 256);
    const isActivity = arn.split(':')[5] === 'activity';
    checkArn(arn, isActivity ? 'activity' : 'stateMachine');
    if (isActivity) {
      const activity = engine.callbacks.describeActivity(arn);
      if (activity !== undefined) return { arn, tags: activity.tags, save: async (tags) => void (await engine.callbacks.tagActivity(arn, tags)) };
    } else {
      const machine = await registry.find(arn);
      if (machine !== undefined) return { arn, tags: machine.resource.tags, save: (tags) => registry.save({ ...machine.resource, tags: [...tags] }) };
    }
    throw new ApiError('ResourceNotFound', `Resource not found: '${arn}'`, 400, { resourceName: arn });
  }

  /** Reads and rewrites the resource's tags after every earlier change of it ended. */
  function change(body: JsonObject, next: (current: readonly ResourceTag[], arn: string) => readonly ResourceTag[]): Promise<JsonObject> {
    return registry.serialize(nameOfArn(String(body['resourceArn'])), async () => {
      const resource = await tagged(body);
      await resource.save(next(resource.tags, resource.arn));
      return {};
    });
  }

  return {
    async TagResource(body) {
      const added = readTags(body);
      if (added === undefined) throw new ApiError('ValidationException', "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null");
      return change(body, (current, arn) => {
        const tags = mergeTags(current, added);
        checkTagCount(tags, arn);
        return tags;
      });
    },

    async UntagResource(body) {
      const keys = new Set(readTagKeys(body));
      return change(body, (current) => current.filter((tag) => !keys.has(tag.key)));
    },

    async ListTagsForResource(body) {
      return { tags: tagList((await tagged(body)).tags) };
    },
  };
}
