using System;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace AiLint.Runtime
{
    /// <summary>Adds <see cref="IdempotentChatClient"/> to a <see cref="ChatClientBuilder"/> pipeline.</summary>
    public static class IdempotencyChatClientBuilderExtensions
    {
        /// <summary>
        /// Adds an <see cref="IdempotentChatClient"/> that stores answers in <paramref name="storage"/>, or in the
        /// <see cref="IDistributedCache"/> from the builder's services when it is <see langword="null"/>.
        /// Place it before <c>UseFunctionInvocation()</c> so a replayed answer also replays the tool loop instead of
        /// running the tools again.
        /// </summary>
        public static ChatClientBuilder UseIdempotency(
            this ChatClientBuilder builder,
            IDistributedCache? storage = null,
            Action<IdempotentChatClient>? configure = null)
        {
            if (builder is null)
                throw new ArgumentNullException(nameof(builder));

            return builder.Use((innerClient, services) =>
            {
                var cache = storage ?? services.GetRequiredService<IDistributedCache>();
                var client = new IdempotentChatClient(innerClient, new DistributedCacheIdempotencyStore(cache));
                configure?.Invoke(client);
                return client;
            });
        }

        /// <summary>Adds an <see cref="IdempotentChatClient"/> that stores answers in <paramref name="store"/>.</summary>
        public static ChatClientBuilder UseIdempotency(
            this ChatClientBuilder builder,
            IIdempotencyStore store,
            Action<IdempotentChatClient>? configure = null)
        {
            if (builder is null)
                throw new ArgumentNullException(nameof(builder));
            if (store is null)
                throw new ArgumentNullException(nameof(store));

            return builder.Use(innerClient =>
            {
                var client = new IdempotentChatClient(innerClient, store);
                configure?.Invoke(client);
                return client;
            });
        }
    }
}
