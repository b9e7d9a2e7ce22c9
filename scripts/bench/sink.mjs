// The benchmark's stand-in for MiniMax (and for OpenAI's list, for the SDK contender): swallows
// uploads, serves a file for downloads, answers list calls. Over HTTP, or HTTPS with a local CA.
import fs from "node:fs";
import http from "node:http";
import https from "node:https";

/** Whole-account lists (MiniMax's list has no pagination): the purpose picks how many files. */
export const BIG_LISTS = { t2a_async_input: 10_000, video_understanding: 100_000 };

const success = { status_code: 0, status_msg: "success" };
const smallList = `{"files":[{"file_id":9223372036854775807,"bytes":5,"created_at":1700000000,"filename":"a.mp3","purpose":"voice_clone"}],"base_resp":${JSON.stringify(success)}}`;
// OpenAI's GET /v1/files answer for one file, for the OpenAI SDK's files.list().
const openAiList = JSON.stringify({
  object: "list",
  data: [
    { id: "file-abc123", object: "file", bytes: 5, created_at: 1700000000, filename: "a.mp3", purpose: "assistants" },
  ],
  has_more: false,
});

export const bigListBodies = Object.fromEntries(
  Object.entries(BIG_LISTS).map(([purpose, n]) => {
    const files = [];
    for (let i = 0; i < n; i++)
      files.push(
        `{"file_id":${9007199254740993n + BigInt(i)},"bytes":${5896337 + i},"created_at":${1700000000 + i},"filename":"file-${i}.mp3","purpose":"${purpose}"}`,
      );
    return [purpose, `{"files":[${files.join(",")}],"base_resp":${JSON.stringify(success)}}`];
  }),
);

const json = (res, body) => {
  res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
  res.end(body);
};

/** Starts the sink on 127.0.0.1; `download` is the file retrieve_content serves. Returns { url, close }. */
export async function startSink({ download, tls }) {
  const handler = (req, res) => {
    const url = req.url;
    const bigPurpose = Object.keys(BIG_LISTS).find((p) => url.startsWith(`/v1/files/list?purpose=${p}`));
    if (bigPurpose) return json(res, bigListBodies[bigPurpose]);
    if (url.startsWith("/v1/files/list")) return json(res, smallList);
    if (url === "/v1/files" || url.startsWith("/v1/files?")) return json(res, openAiList);
    if (url.startsWith("/v1/files/retrieve_content")) {
      const size = fs.statSync(download).size;
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(size) });
      fs.createReadStream(download).pipe(res);
      return;
    }
    let received = 0;
    req.on("data", (c) => (received += c.length));
    req.on("end", () =>
      json(
        res,
        JSON.stringify({
          file: { file_id: 1, bytes: received, created_at: 1700000000, filename: "bench.mp4", purpose: "voice_clone" },
          base_resp: success,
        }),
      ),
    );
  };
  const server = tls
    ? https.createServer({ key: fs.readFileSync(tls.key), cert: fs.readFileSync(tls.cert) }, handler)
    : http.createServer(handler);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `${tls ? "https" : "http"}://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
