import { strict as assert } from 'node:assert';
import { RepoSigner } from '../../../lab/packages/repo-signing.js';

describe('lab repository signing', function () {
  this.timeout(60_000);
  let signer: RepoSigner | undefined;
  after(async () => signer?.close());

  // gpg stops reading when it cannot sign; before, the EPIPE from writing the
  // rest of the text was an unhandled error that ended the whole process.
  it('reports a gpg failure that leaves its input unread as a rejection', async () => {
    signer = await RepoSigner.create();
    await assert.rejects(signer.clearsign('0'.repeat(40), 'x'.repeat(4_000_000)), /clearsign failed \(2\): .*No secret key/s);
  });

  it('signs with a key it made', async () => {
    signer ??= await RepoSigner.create();
    const fpr = await signer.newKey('deckhand lab test <test@lab.deckhand.invalid>');
    assert.match(await signer.clearsign(fpr, 'Origin: test\n'), /^-----BEGIN PGP SIGNED MESSAGE-----[\s\S]*Origin: test[\s\S]*-----END PGP SIGNATURE-----\n$/);
  });
});
