using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Options sent through a client whose pipeline clears a sampling parameter (<c>.ConfigureOptions(o => o.TopP = null)</c>,
    /// <see cref="ClearingPipelines"/>): that parameter never reaches the model, so it is not checked (AIL0504, AIL0505).
    /// </summary>
    internal sealed partial class ModelUses
    {
        private Dictionary<object, Dictionary<string, HashSet<string>>>? clearedOf;

        /// <summary>Notes what the pipeline of the client <paramref name="call"/> sends <paramref name="options"/> to clears.</summary>
        private void RememberCleared(object options, IOperation call, System.Threading.CancellationToken cancellationToken)
        {
            var receiver = call switch
            {
                IInvocationOperation invocation => invocation.Instance
                    ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null),
                IObjectCreationOperation creation when creation.Arguments.Length > 0 => creation.Arguments[0].Value,
                _ => null,
            };
            if (receiver != null && ClearingPipelines.Cleared(receiver, symbols, cancellationToken) is { } cleared)
            {
                (clearedOf ??= new Dictionary<object, Dictionary<string, HashSet<string>>>(KeyComparer.Instance))[options] = cleared;
            }
        }

        /// <summary>The settings of <paramref name="options"/> less those its client's pipeline clears.</summary>
        private List<SamplingSetting> WithoutCleared(object options, List<SamplingSetting> settings)
        {
            if (clearedOf == null || !clearedOf.TryGetValue(options, out var cleared))
            {
                return settings;
            }

            var set = settings.Select(setting => setting.Property).ToList();
            return settings.Where(setting => !ClearingPipelines.Clears(cleared, setting.Property, set)).ToList();
        }
    }
}
