// Two meshes at once would share two cores between a dozen processes each: one mesh at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
