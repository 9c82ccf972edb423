// `asl serve`: tags on state machines (TagResource, UntagResource, ListTagsForResource and
// CreateStateMachine's `tags`) with AWS's limits, through the real AWS SDK.
import {
  CreateActivityCommand, CreateStateMachineCommand, DeleteActivityCommand, ListTagsForResourceCommand, TagResourceCommand, TooManyTags, UntagResourceCommand, type Tag,
} from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/memory-store.js';
import type { ExecutionStore } from '../../src/store/types.js';
import { openEngine, VirtualClock } from '../../src/index.js';
import { machineOperations } from '../../src/server/ops-machines.js';
import { tagOperations } from '../../src/server/ops-tags.js';
import { passDefinition, rejection, ROLE, serve, type Served } from './fixture.js';

let served: Served | undefined;
afterEach(async () => {
  await served?.stop();
  served = undefined;
});

/** The store, answering getMachineResource a turn of the event loop after reading it, as a networked store would. */
function lateResourceReads(inner: ExecutionStore): ExecutionStore {
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'getMachineResource') {
        return async (arn: string) => {
          const found = await target.getMachineResource(arn);
          await new Promise((resolve) => setImmediate(resolve));
          return found;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function numbered(from: number, count: number): Tag[] {
  return Array.from({ length: count }, (_, i) => ({ key: `k${from + i}`, value: `v${from + i}` }));
}

async function tagsOf(s: Served, resourceArn: string): Promise<Tag[]> {
  return (await s.client.send(new ListTagsForResourceCommand({ resourceArn }))).tags ?? [];
}

describe('asl serve: tags', () => {
  it('adds, replaces in place and removes tags, starting from those given at creation', async () => {
    served = await serve();
    const { stateMachineArn: arn = '' } = await served.client.send(
      new CreateStateMachineCommand({ name: 'Tagged', definition: passDefinition, roleArn: ROLE, tags: [{ key: 'team', value: 'core' }, { key: 'tier' }] }),
    );
    expect(await tagsOf(served, arn)).toEqual([{ key: 'team', value: 'core' }, { key: 'tier', value: '' }]);
    await served.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'cost-centre', value: 'R+D 42' }, { key: 'team', value: 'payments' }] }));
    expect(await tagsOf(served, arn)).toEqual([
      { key: 'team', value: 'payments' },
      { key: 'tier', value: '' },
      { key: 'cost-centre', value: 'R+D 42' },
    ]);
    await served.client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['tier', 'never-set'] }));
    expect((await tagsOf(served, arn)).map((tag) => tag.key)).toEqual(['team', 'cost-centre']);
  });

  it('keeps every tag of concurrent TagResource calls on one machine, even when their reads of it overlap', async () => {
    const engine = await openEngine({ store: lateResourceReads(createMemoryStore()), clock: new VirtualClock() });
    try {
      const operations = { ...machineOperations(engine), ...tagOperations(engine) };
      const { stateMachineArn: resourceArn } = await operations['CreateStateMachine']!({ name: 'Busy', definition: passDefinition, roleArn: ROLE });
      // Called in one turn: every call reads the machine before any writes it back.
      await Promise.all(numbered(0, 12).map((tag) => operations['TagResource']!({ resourceArn: resourceArn ?? '', tags: [{ key: tag.key ?? '', value: tag.value ?? '' }] })));
      const listed = await operations['ListTagsForResource']!({ resourceArn: resourceArn ?? '' });
      expect((listed['tags'] as Tag[]).map((tag) => tag.key).sort()).toEqual(numbered(0, 12).map((tag) => tag.key).sort());
    } finally {
      await engine.close();
    }
  });

  it('allows 50 tags and refuses the 51st with TooManyTags naming the resource', async () => {
    served = await serve();
    const { stateMachineArn: arn = '' } = await served.client.send(new CreateStateMachineCommand({ name: 'Many', definition: passDefinition, roleArn: ROLE, tags: numbered(0, 45) }));
    await served.client.send(new TagResourceCommand({ resourceArn: arn, tags: [...numbered(0, 10), ...numbered(45, 5)] }));
    expect(await tagsOf(served, arn)).toHaveLength(50);
    const over = await rejection(served.client.send(new TagResourceCommand({ resourceArn: arn, tags: numbered(50, 1) })));
    expect(over).toBeInstanceOf(TooManyTags);
    expect((over as TooManyTags).resourceName).toBe(arn);
    expect(await tagsOf(served, arn)).toHaveLength(50);
    const atCreation = await rejection(served.client.send(new CreateStateMachineCommand({ name: 'TooMany', definition: passDefinition, roleArn: ROLE, tags: numbered(0, 51) })));
    expect(atCreation.name).toBe('TooManyTags');
  });

  it('tags activities, whose tags go when the activity is deleted', async () => {
    served = await serve();
    const { activityArn = '' } = await served.client.send(new CreateActivityCommand({ name: 'Worker' }));
    await served.client.send(new TagResourceCommand({ resourceArn: activityArn, tags: [{ key: 'queue', value: 'high' }, { key: 'owner', value: 'ops' }] }));
    await served.client.send(new UntagResourceCommand({ resourceArn: activityArn, tagKeys: ['owner'] }));
    expect(await tagsOf(served, activityArn)).toEqual([{ key: 'queue', value: 'high' }]);
    await served.client.send(new DeleteActivityCommand({ activityArn }));
    expect((await rejection(served.client.send(new ListTagsForResourceCommand({ resourceArn: activityArn })))).name).toBe('ResourceNotFound');
    await served.client.send(new CreateActivityCommand({ name: 'Worker' }));
    expect(await tagsOf(served, activityArn)).toEqual([]);
  });

  it('checks keys, values and ARNs as AWS does', async () => {
    served = await serve();
    const { stateMachineArn: arn = '' } = await served.client.send(new CreateStateMachineCommand({ name: 'Checked', definition: passDefinition, roleArn: ROLE }));
    const refusal = async (tags: Tag[], resourceArn = arn): Promise<Error> => rejection(served!.client.send(new TagResourceCommand({ resourceArn, tags })));
    const longKey = await refusal([{ key: 'k'.repeat(129), value: 'v' }]);
    expect(longKey.name).toBe('ValidationException');
    expect(longKey.message).toContain("at 'tags.1.member.key'");
    expect((await refusal([{ key: 'ok', value: 'v' }, { key: 'long', value: 'v'.repeat(257) }])).message).toContain("at 'tags.2.member.value'");
    expect((await refusal([{ key: '', value: 'v' }])).name).toBe('ValidationException');
    expect((await refusal([{ key: 'semi;colon', value: 'v' }])).name).toBe('ValidationException');
    await served.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'k'.repeat(128), value: 'ünïcode v@l:ue/=+-_.' }] }));
    expect(await tagsOf(served, arn)).toHaveLength(1);

    const missing = `${arn}Missing`;
    const notFound = await rejection(served.client.send(new ListTagsForResourceCommand({ resourceArn: missing })));
    expect(notFound.name).toBe('ResourceNotFound');
    expect((await refusal([{ key: 'a', value: 'b' }], 'arn:aws:states:us-east-1:123456789012:activity:Worker')).name).toBe('ResourceNotFound');
    expect((await refusal([{ key: 'a', value: 'b' }], 'Checked')).name).toBe('InvalidArn');
    expect((await refusal([{ key: 'a', value: 'b' }], 'arn:aws:states:us-east-1:123456789012:execution:Checked:x')).name).toBe('InvalidArn');
    expect((await rejection(served.client.send(new UntagResourceCommand({ resourceArn: missing, tagKeys: ['a'] })))).name).toBe('ResourceNotFound');
  });
});
