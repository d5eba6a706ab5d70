using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace DaprSidecarStandIn;

/// <summary>
/// The stand-in's broker for one topic: an append-only file of length-prefixed <see cref="TopicRecord"/>s,
/// shared by every stand-in process of one AppHost run. One partition per topic, so the log order is the
/// order per partition key too. A record's offset is its byte position in the file.
/// </summary>
/// <remarks>
/// Appends are serialized across processes by an exclusive open of a separate lock file, and within the
/// process by a semaphore. The log itself is only ever opened shared: .NET on Unix takes a shared flock for
/// shared opens, which an exclusive open of the log would collide with while consumers hold it open.
/// </remarks>
public sealed class TopicLog : IDisposable
{
    private const int LengthPrefixSize = 4;
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(2);

    private readonly string logPath;
    private readonly string lockPath;
    private readonly SemaphoreSlim appendGate = new(1, 1);
    private readonly Lock readHandleGate = new();
    private SafeFileHandle? readHandle;
    private SafeFileHandle? appendHandle;

    public TopicLog(string topicDirectory, string topic)
    {
        Topic = topic;
        Directory = topicDirectory;
        System.IO.Directory.CreateDirectory(topicDirectory);
        logPath = Path.Combine(topicDirectory, "log");
        lockPath = Path.Combine(topicDirectory, "append.lock");
    }

    public string Topic { get; }

    /// <summary>The topic's folder, which also holds the consumer groups' offsets.</summary>
    public string Directory { get; }

    /// <summary>Raised in this process after an append, so that its consumers need not wait for their next poll.</summary>
    public event Action? Appended;

    public async Task AppendAsync(IReadOnlyList<TopicRecord> records, CancellationToken cancellationToken)
    {
        var bytes = Frame(records);
        await appendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            appendHandle ??= File.OpenHandle(logPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            using var crossProcessLock = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);

            // Under the lock the length is where the other processes' appends ended.
            RandomAccess.Write(appendHandle, bytes, RandomAccess.GetLength(appendHandle));
        }
        finally
        {
            appendGate.Release();
        }

        Appended?.Invoke();
    }

    /// <summary>
    /// The record at <paramref name="offset"/> and the offset after it, or null when nothing complete is
    /// there yet (an append in another process may be half written; the next read sees it whole).
    /// </summary>
    public (TopicRecord Record, long Next)? TryRead(long offset)
    {
        var handle = OpenForReading();
        if (handle is null)
        {
            return null;
        }

        var length = RandomAccess.GetLength(handle);
        if (length < offset + LengthPrefixSize)
        {
            return null;
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixSize];
        RandomAccess.Read(handle, prefix, offset);
        var bodyLength = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < offset + LengthPrefixSize + bodyLength)
        {
            return null;
        }

        var body = new byte[bodyLength];
        var read = 0;
        while (read < bodyLength)
        {
            read += RandomAccess.Read(handle, body.AsSpan(read), offset + LengthPrefixSize + read);
        }

        return (TopicRecord.Deserialize(body), offset + LengthPrefixSize + bodyLength);
    }

    public void Dispose()
    {
        readHandle?.Dispose();
        appendHandle?.Dispose();
        appendGate.Dispose();
    }

    private SafeFileHandle? OpenForReading()
    {
        lock (readHandleGate)
        {
            if (readHandle is null && File.Exists(logPath))
            {
                readHandle = File.OpenHandle(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }

            return readHandle;
        }
    }

    /// <summary>An exclusive open of the lock file, which .NET takes as an exclusive flock on Unix.</summary>
    private async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException)
            {
                // Another process is appending; its append takes microseconds.
                await Task.Delay(LockRetryDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static byte[] Frame(IReadOnlyList<TopicRecord> records)
    {
        var bodies = records.Select(record => record.Serialize()).ToList();
        var bytes = new byte[bodies.Sum(body => LengthPrefixSize + body.Length)];
        var at = 0;
        foreach (var body in bodies)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), body.Length);
            body.CopyTo(bytes, at + LengthPrefixSize);
            at += LengthPrefixSize + body.Length;
        }

        return bytes;
    }
}
