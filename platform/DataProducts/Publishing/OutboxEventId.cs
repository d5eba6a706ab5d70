using System.Security.Cryptography;

namespace DataMesh.DataProducts.Publishing;

/// <summary>
/// UUID version 7 ids that strictly increase within the process, even within one millisecond (RFC 9562's
/// counter method). EF Core orders the inserts of one <c>SaveChanges</c> by key, so this is what makes the
/// outbox sequence follow the order in which a domain published its events.
/// </summary>
internal static class OutboxEventId
{
    private const int MaxCounter = 0xFFF;
    private static readonly Lock Gate = new();
    private static long lastMilliseconds;
    private static int counter;

    public static Guid Next(DateTimeOffset now)
    {
        long milliseconds;
        int sequence;
        lock (Gate)
        {
            milliseconds = now.ToUnixTimeMilliseconds();
            if (milliseconds > lastMilliseconds)
            {
                lastMilliseconds = milliseconds;
                counter = 0;
            }
            else if (++counter > MaxCounter)
            {
                // Borrow the next millisecond rather than wrap, which would go backwards.
                lastMilliseconds++;
                counter = 0;
            }

            milliseconds = lastMilliseconds;
            sequence = counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (sequence >> 8));
        bytes[7] = (byte)sequence;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
