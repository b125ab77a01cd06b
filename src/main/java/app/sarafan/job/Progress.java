package app.sarafan.job;

/** Counts a job adds up over its chunks. */
final class Progress {

    long processed;
    long written;
    int chunks;

    void chunk(long processedInChunk, long writtenInChunk) {
        processed += processedInChunk;
        written += writtenInChunk;
        chunks++;
    }
}
