using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The shipped rows merged with the rows of the project's <c>*.ailint-models.json</c> files: a user row with the
    /// same provider and id replaces the shipped one (contract.md, "Model table"). Lookups are by exact id.
    /// </summary>
    internal sealed class ModelTable
    {
        private readonly Dictionary<string, ModelRow> byId;

        private ModelTable(Dictionary<string, ModelRow> byId, string compiledOn)
        {
            this.byId = byId;
            CompiledOn = compiledOn;
        }

        public string CompiledOn { get; }

        public static ModelTable Shipped { get; } = Create(ShippedModelTable.Rows, ImmutableArray<ModelRow>.Empty);

        public static ModelTable Create(ImmutableArray<ModelRow> shipped, ImmutableArray<ModelRow> user)
        {
            var byKey = new Dictionary<(string Provider, string Id), ModelRow>();
            var order = new List<(string, string)>();
            foreach (var row in shipped)
            {
                Add(byKey, order, row);
            }

            foreach (var row in user)
            {
                Add(byKey, order, row);
            }

            // One id may exist for two providers only through a user file; the first provider listed wins, users' own
            // rows for a new provider never shadow a shipped row of the same id.
            var byId = new Dictionary<string, ModelRow>(StringComparer.Ordinal);
            foreach (var key in order)
            {
                var row = byKey[key];
                if (!byId.ContainsKey(row.Id))
                {
                    byId.Add(row.Id, row);
                }
            }

            MarkEndingSnapshots(byId);
            return new ModelTable(byId, ShippedModelTable.CompiledOn);
        }

        /// <summary>The shipped table plus every <c>*.ailint-models.json</c> AdditionalFile.</summary>
        public static ModelTable FromAdditionalFiles(ImmutableArray<AdditionalText> files, CancellationToken cancellationToken)
        {
            ImmutableArray<ModelRow>.Builder? user = null;
            foreach (var file in files)
            {
                if (!ModelTableFile.IsModelTableFile(file.Path) || file.GetText(cancellationToken) is not { } text)
                {
                    continue;
                }

                user ??= ImmutableArray.CreateBuilder<ModelRow>();
                user.AddRange(ModelTableFile.ParseCached(text).Rows);
            }

            return user == null ? Shipped : Create(ShippedModelTable.Rows, user.ToImmutable());
        }

        public ModelRow? Find(string id) => byId.TryGetValue(id, out var row) ? row : null;

        // Views of this table restricted by provider, made on first need (SlotProviders: a provider's own slot;
        // RawHttpModelIds: the ids that count at a raw request's endpoint; SettingsProviders). Keyed "anthropic" (only) or
        // "!openai|gemini" (all but), the providers in the caller's order.
        private System.Collections.Concurrent.ConcurrentDictionary<string, ModelTable>? views;

        /// <summary>The rows of one provider (<see cref="ModelRow.Provider"/>), with the same compile date: the ids that provider's own SDK can send.</summary>
        public ModelTable OfProvider(string provider) => View(provider, only: true);

        /// <summary>Every row but one provider's, with the same compile date: a raw request to a host that may keep that provider's ids as its own aliases.</summary>
        public ModelTable WithoutProvider(string provider) => View(new[] { provider }, only: false);

        /// <summary>Every row but those of the given providers: a project's settings files, whose ids count only for the providers it reaches (SettingsProviders).</summary>
        public ModelTable WithoutProviders(IReadOnlyList<string> providers) => View(providers, only: false);

        private ModelTable View(string provider, bool only) => View(new[] { provider }, only);

        private ModelTable View(IReadOnlyList<string> providers, bool only) =>
            LazyInitializer.EnsureInitialized(ref views, () => new System.Collections.Concurrent.ConcurrentDictionary<string, ModelTable>(StringComparer.Ordinal))!
            .GetOrAdd((only ? string.Empty : "!") + string.Join("|", providers), _ =>
            {
                var rows = new Dictionary<string, ModelRow>(StringComparer.Ordinal);
                foreach (var entry in byId)
                {
                    if (Contains(providers, entry.Value.Provider) == only)
                    {
                        rows.Add(entry.Key, entry.Value);
                    }
                }

                return new ModelTable(rows, CompiledOn);
            });

        private static bool Contains(IReadOnlyList<string> providers, string provider)
        {
            foreach (var each in providers)
            {
                if (each == provider)
                {
                    return true;
                }
            }

            return false;
        }

        // An alias whose snapshot has a shutdown date (gpt-4o-mini -> gpt-4o-mini-2024-07-18) must not send users to pin
        // that snapshot: the merged rows decide it, as a user file may add or replace either row.
        private static void MarkEndingSnapshots(Dictionary<string, ModelRow> byId)
        {
            List<ModelRow>? marked = null;
            foreach (var row in byId.Values)
            {
                if (row.IsAlias && row.Snapshot != null && byId.TryGetValue(row.Snapshot, out var snapshotRow) && snapshotRow.ShutdownDate != null)
                {
                    (marked ??= new List<ModelRow>()).Add(row.WithEndingSnapshot(snapshotRow));
                }
            }

            if (marked == null)
            {
                return;
            }

            foreach (var row in marked)
            {
                byId[row.Id] = row;
            }
        }

        private static void Add(Dictionary<(string, string), ModelRow> byKey, List<(string, string)> order, ModelRow row)
        {
            var key = (row.Provider, row.Id);
            if (!byKey.ContainsKey(key))
            {
                order.Add(key);
            }

            byKey[key] = row;
        }
    }
}
