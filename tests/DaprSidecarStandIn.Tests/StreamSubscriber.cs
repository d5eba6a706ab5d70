using System.Collections.Concurrent;
using DataMesh.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using EventStatus = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;
using RuntimeClient = Dapr.Client.Autogen.Grpc.v1.Dapr.DaprClient;
using StreamRequest = Dapr.Client.Autogen.Grpc.v1.SubscribeTopicEventsRequestAlpha1;
using StreamResponse = Dapr.Client.Autogen.Grpc.v1.SubscribeTopicEventsResponseAlpha1;
using TopicEvent = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventRequest;

namespace DaprSidecarStandIn.Tests;

/// <summary>
/// A client of daprd's streaming subscription (<c>SubscribeTopicEventsAlpha1</c>) through the Dapr.Protos generated
/// client over a real gRPC channel, as an app would hold one: it sends the initial request, waits for the initial
/// response, then answers every event it receives with what <see cref="Answer"/> says (null: no answer, the event stays
/// unsettled).
/// </summary>
public sealed class StreamSubscriber : IAsyncDisposable
{
    private readonly GrpcChannel channel;
    private readonly AsyncDuplexStreamingCall<StreamRequest, StreamResponse> call;
    private readonly ConcurrentQueue<TopicEvent> received = new();
    private readonly ConcurrentDictionary<string, int> attempts = new(StringComparer.Ordinal);

    /// <summary>
    /// gRPC's request stream takes one write or completion at a time: completing it while an answer is being written throws,
    /// and the stream would stay open, the server waiting for the client's end for ever.
    /// </summary>
    private readonly SemaphoreSlim writing = new(1, 1);

    /// <summary>How long <see cref="CloseAsync"/> waits for the server to end the stream: a test fails rather than hangs.</summary>
    private static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(60);

    private bool completed;
    private Task? reading;

    private StreamSubscriber(GrpcChannel channel, AsyncDuplexStreamingCall<StreamRequest, StreamResponse> call)
    {
        this.channel = channel;
        this.call = call;
    }

    /// <summary>The answer to an event, given it and how many times this stream has received its id; null answers nothing.</summary>
    public Func<TopicEvent, int, EventStatus?> Answer { get; set; } = (_, _) => EventStatus.Success;

    public IReadOnlyList<TopicEvent> Received => received.ToArray();

    public IReadOnlyList<string> ReceivedIds => received.Select(message => message.Id).ToArray();

    /// <summary>How the stream ended (the server's status), once it has.</summary>
    public RpcException? Ended { get; private set; }

    /// <summary>Opens a stream on <paramref name="topic"/> and waits for daprd's initial response.</summary>
    /// <param name="apiToken">The <c>dapr-api-token</c> to send (empty: none); by default the sidecar's own, when it has one.</param>
    /// <exception cref="RpcException">The sidecar refused the subscription.</exception>
    public static async Task<StreamSubscriber> OpenAsync(
        StandInSidecar sidecar, string topic, string? deadLetterTopic = null, string? apiToken = null, string pubsubName = PubSubResources.PubSubName)
    {
        var token = apiToken ?? sidecar.EnvironmentVariables.GetValueOrDefault(MeshCredentials.DaprApiTokenVariable);
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(token))
        {
            headers.Add(MeshHeaders.DaprApiToken, token);
        }

        var channel = GrpcChannel.ForAddress(sidecar.GrpcEndpoint);
        var call = new RuntimeClient(channel).SubscribeTopicEventsAlpha1(headers);
        var subscriber = new StreamSubscriber(channel, call);
        try
        {
            var initial = new Dapr.Client.Autogen.Grpc.v1.SubscribeTopicEventsRequestInitialAlpha1 { PubsubName = pubsubName, Topic = topic };
            if (deadLetterTopic is not null)
            {
                initial.DeadLetterTopic = deadLetterTopic;
            }

            try
            {
                await call.RequestStream.WriteAsync(new StreamRequest { InitialRequest = initial });
            }
            catch (RpcException)
            {
                // The server may have refused and ended the call already; its status is read below.
            }

            if (!await call.ResponseStream.MoveNext(CancellationToken.None) || call.ResponseStream.Current.InitialResponse is null)
            {
                throw new InvalidOperationException("The sidecar did not answer the initial request with an initial response.");
            }
        }
        catch
        {
            await subscriber.DisposeAsync();
            throw;
        }

        subscriber.reading = subscriber.ReadAsync();
        return subscriber;
    }

    /// <summary>Closes the client's side of the stream and waits for the server to end it.</summary>
    public async Task CloseAsync()
    {
        await writing.WaitAsync();
        try
        {
            completed = true;
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // Already ended by the server.
        }
        finally
        {
            writing.Release();
        }

        if (reading is not null)
        {
            try
            {
                await reading.WaitAsync(EndTimeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"The sidecar did not end the stream within {EndTimeout} of the client closing its side.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        call.Dispose();
        if (reading is not null)
        {
            await reading;
        }

        channel.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                if (call.ResponseStream.Current.EventMessage is not { } message)
                {
                    continue;
                }

                received.Enqueue(message);
                var attempt = attempts.AddOrUpdate(message.Id, 1, (_, count) => count + 1);
                if (Answer(message, attempt) is { } status)
                {
                    await AnswerAsync(new StreamRequest
                    {
                        EventProcessed = new Dapr.Client.Autogen.Grpc.v1.SubscribeTopicEventsRequestProcessedAlpha1
                        {
                            Id = message.Id,
                            Status = new Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse { Status = status },
                        },
                    });
                }
            }
        }
        catch (RpcException exception)
        {
            Ended = exception;
        }
        catch (InvalidOperationException)
        {
            // An answer written after the server ended the call: the stream is over.
        }
    }

    /// <summary>Writes an answer unless the client has completed its side (an event may still arrive meanwhile).</summary>
    private async Task AnswerAsync(StreamRequest answer)
    {
        await writing.WaitAsync();
        try
        {
            if (!completed)
            {
                await call.RequestStream.WriteAsync(answer);
            }
        }
        finally
        {
            writing.Release();
        }
    }
}
