//! Mounting service models into a root model: one device, one tree.
//!
//! TR-106 places a device's service models (VoiceService, STBService, ...)
//! under its root model's `Services.` object, as in
//! `Device.Services.VoiceService.1.`. Generated code compiles each model on
//! its own; [`mount`] builds the descriptors of the whole device from them,
//! so that one [`Tree`](crate::engine::Tree) and one RPC session serve every
//! path of the device, and an Inform, a factory reset and the saved state
//! cover all of it. The typed API of each model keeps working on the
//! mounted tree: [`ModelDesc::parts`] says where each model's objects and
//! parameters went.

use std::collections::HashMap;

use super::{ModelDesc, ObjectDesc, ObjectIx, ParamDesc, ParamIx, Part, Target, UniqueKey};
use crate::path::Path;

/// Why a set of models cannot be mounted together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MountError {
    /// The root given is a service model.
    #[error("{model} is a service model; a mount's root must be a root model such as Device:2")]
    RootIsService {
        /// The model.
        model: &'static str,
    },
    /// The root given was itself built by [`mount`].
    #[error("{model} is already a mounted model; mount every service in one call")]
    AlreadyMounted {
        /// The model.
        model: &'static str,
    },
    /// A model given as a service is a root model, or has no objects.
    #[error("{model} is not a service model; only service models are mounted")]
    NotAService {
        /// The model.
        model: &'static str,
    },
    /// The mount path is not an object of the root model.
    #[error("`{path}` is not an object of {model}")]
    NoMountPoint {
        /// The path given.
        path: String,
        /// The root model.
        model: &'static str,
    },
    /// The mount path is a table, or lies in one.
    #[error(
        "`{path}` of {model} is a table or lies in one; services mount at a single object \
         such as `Device.Services.`"
    )]
    InTable {
        /// The path given.
        path: String,
        /// The root model.
        model: &'static str,
    },
    /// An object of the service has the name of an object already at the
    /// mount point (the same service mounted twice, say).
    #[error("{service} cannot mount `{path}`: the object is already there")]
    ObjectClash {
        /// The object's path in the mounted model.
        path: String,
        /// The service model.
        service: &'static str,
    },
    /// A parameter of the service's top object has the name of one already
    /// at the mount point, with another type.
    #[error("{service} cannot mount `{path}`: a parameter of another type has that name")]
    ParamClash {
        /// The parameter's path in the mounted model.
        path: String,
        /// The service model.
        service: &'static str,
    },
}

impl MountError {
    /// The name of the model the error is about.
    pub fn model(&self) -> &'static str {
        match self {
            MountError::RootIsService { model }
            | MountError::AlreadyMounted { model }
            | MountError::NotAService { model }
            | MountError::NoMountPoint { model, .. }
            | MountError::InTable { model, .. } => model,
            MountError::ObjectClash { service, .. } | MountError::ParamClash { service, .. } => {
                service
            }
        }
    }
}

/// Builds one model of a device from its root model and the service models
/// mounted in it, each at a single object of the root (`Device.Services.`
/// for TR-106 devices).
///
/// The root's objects keep their indices; each service's objects follow,
/// their paths prefixed with the mount path, the service's top object
/// merged into the object it is mounted at (its parameters, such as
/// `VoiceServiceNumberOfEntries`, join that object's; one the root already
/// declares is the same parameter). A table of the service counted by a
/// NumberOfEntries parameter of the mount object is linked to it.
///
/// The descriptors are built once and leaked, as static descriptors are:
/// call it once per program (in a `LazyLock`, say), not per tree.
///
/// ```
/// # use cwmp_model_runtime::meta::*;
/// # use cwmp_model_runtime::value::{BaseType, Syntax};
/// # static UINT: Syntax = Syntax::new(BaseType::UnsignedInt);
/// # static STRING: Syntax = Syntax::new(BaseType::String);
/// # const V: Version = Version { major: 1, minor: 0 };
/// # const fn object(path: &'static str, name: &'static str, parent: Option<ObjectIx>,
/// #     table: bool, first_param: ParamIx, param_count: u32,
/// #     children: &'static [ObjectIx]) -> ObjectDesc {
/// #     ObjectDesc { path, name, parent, table,
/// #         access: if table { ObjectAccess::CreateDelete } else { ObjectAccess::ReadOnly },
/// #         min_entries: 0, max_entries: if table { None } else { Some(1) },
/// #         num_entries: if table { Some(0) } else { None }, enable: None, unique_keys: &[],
/// #         first_param, param_count, children, version: V, status: Status::Current }
/// # }
/// # const fn param(name: &'static str, object: ObjectIx, syntax: &'static Syntax) -> ParamDesc {
/// #     ParamDesc { name, object, access: ParamAccess::ReadOnly,
/// #         active_notify: ActiveNotify::Normal, forced_inform: false, syntax,
/// #         data_type: None, default: None, version: V, status: Status::Current }
/// # }
/// # static DEVICE: ModelDesc = ModelDesc { name: "Device:1.0", is_service: false,
/// #     objects: &[object("Device.", "Device", None, false, 0, 0, &[1]),
/// #                object("Device.Services.", "Services", Some(0), false, 0, 0, &[])],
/// #     params: &[], parts: &[] };
/// # static VOICE: ModelDesc = ModelDesc { name: "VoiceService:1.0", is_service: true,
/// #     objects: &[object("", "", None, false, 0, 1, &[1]),
/// #                object("VoiceService.{i}.", "VoiceService", Some(0), true, 1, 1, &[])],
/// #     params: &[param("VoiceServiceNumberOfEntries", 0, &UINT),
/// #               param("Name", 1, &STRING)], parts: &[] };
/// // DEVICE is a `Device:1` root model, VOICE a `VoiceService:1` service model.
/// let model = mount(&DEVICE, &[("Device.Services.", &VOICE)]).unwrap();
/// let path = cwmp_model_runtime::path::Path::parse("Device.Services.VoiceService.1.Name").unwrap();
/// assert!(matches!(model.resolve(&path), Ok(Target::Param { .. })));
/// // Each model's own indices still find their objects and parameters.
/// let voice = model.part(&VOICE).unwrap();
/// assert_eq!(model.object(voice.object(1)).path, "Device.Services.VoiceService.{i}.");
/// ```
pub fn mount(
    root: &'static ModelDesc,
    services: &[(&str, &'static ModelDesc)],
) -> Result<&'static ModelDesc, MountError> {
    if root.is_service {
        return Err(MountError::RootIsService { model: root.name });
    }
    if !root.parts.is_empty() {
        return Err(MountError::AlreadyMounted { model: root.name });
    }
    let mut points = Vec::with_capacity(services.len());
    for &(path, service) in services {
        if !service.is_service || service.objects.is_empty() || !service.parts.is_empty() {
            return Err(MountError::NotAService {
                model: service.name,
            });
        }
        points.push(mount_point(root, path)?);
    }
    let mut builder = Builder::new(root, services, &points)?;
    builder.place_params()?;
    Ok(builder.finish())
}

/// The object of `root` that `path` names, if services can mount there.
fn mount_point(root: &'static ModelDesc, path: &str) -> Result<ObjectIx, MountError> {
    let missing = || MountError::NoMountPoint {
        path: path.to_owned(),
        model: root.name,
    };
    let parsed = Path::parse(path).map_err(|_| missing())?;
    if !parsed.is_partial() {
        return Err(missing());
    }
    match root.resolve(&parsed) {
        Ok(Target::Object {
            object,
            table_itself: false,
            ..
        }) if !root.object(object).path.contains("{i}") => Ok(object),
        Ok(Target::Object { .. }) => Err(MountError::InTable {
            path: path.to_owned(),
            model: root.name,
        }),
        _ => Err(missing()),
    }
}

/// Where the objects of the mounted model come from.
#[derive(Clone, Copy)]
struct Source {
    /// Index into `Builder::models` (0 is the root).
    part: usize,
    /// The object in that model.
    object: ObjectIx,
}

struct Builder<'s> {
    /// The root, then each service, in the order given.
    models: Vec<&'static ModelDesc>,
    /// Each service's mount object, in the root's indices.
    points: &'s [ObjectIx],
    /// The objects of the mounted model, with the indices of their
    /// sources still to be translated.
    objects: Vec<ObjectDesc>,
    /// For each object of the mounted model, the objects whose
    /// parameters and children it takes, in order.
    sources: Vec<Vec<Source>>,
    /// Per model, the mounted index of each of its objects.
    object_map: Vec<Vec<ObjectIx>>,
    /// Per model, the mounted index of each of its parameters.
    param_map: Vec<Vec<ParamIx>>,
    params: Vec<ParamDesc>,
}

impl<'s> Builder<'s> {
    fn new(
        root: &'static ModelDesc,
        services: &[(&str, &'static ModelDesc)],
        points: &'s [ObjectIx],
    ) -> Result<Builder<'s>, MountError> {
        let mut models = vec![root];
        models.extend(services.iter().map(|&(_, s)| s));
        let mut objects: Vec<ObjectDesc> = root.objects.to_vec();
        let mut sources: Vec<Vec<Source>> = (0..root.objects.len())
            .map(|o| {
                vec![Source {
                    part: 0,
                    object: index(o),
                }]
            })
            .collect();
        let mut object_map = vec![(0..index(root.objects.len())).collect::<Vec<_>>()];
        for (s, (service, &point)) in services.iter().map(|&(_, s)| s).zip(points).enumerate() {
            let part = s + 1;
            let mut map = vec![point];
            if let Some(list) = sources.get_mut(point as usize) {
                list.push(Source { part, object: 0 });
            }
            for (o, desc) in service.objects.iter().enumerate().skip(1) {
                map.push(index(objects.len()));
                let mut placed = *desc;
                placed.path = leak(format!("{}{}", root.object(point).path, desc.path));
                objects.push(placed);
                sources.push(vec![Source {
                    part,
                    object: index(o),
                }]);
            }
            object_map.push(map);
        }
        let param_map = models
            .iter()
            .map(|m| vec![u32::MAX; m.params.len()])
            .collect();
        let builder = Builder {
            models,
            points,
            objects,
            sources,
            object_map,
            param_map,
            params: Vec::new(),
        };
        builder.check_object_names()?;
        Ok(builder)
    }

    /// Refuses a service object whose name is taken at its mount point.
    fn check_object_names(&self) -> Result<(), MountError> {
        for &point in self.points {
            let mut seen: Vec<&str> = Vec::new();
            for src in &self.sources[point as usize] {
                let model = self.models[src.part];
                for &child in model.object(src.object).children {
                    let name = model.object(child).name;
                    if seen.contains(&name) {
                        return Err(MountError::ObjectClash {
                            path: format!("{}{name}.", self.objects[point as usize].path),
                            service: model.name,
                        });
                    }
                    seen.push(name);
                }
            }
        }
        Ok(())
    }

    /// The children of a mounted object, as mounted indices.
    fn children_of(&self, object: ObjectIx) -> impl Iterator<Item = ObjectIx> + '_ {
        self.sources[object as usize].iter().flat_map(move |src| {
            let model = self.models[src.part];
            model
                .object(src.object)
                .children
                .iter()
                .map(move |&c| self.object_map[src.part][c as usize])
        })
    }

    /// Lays out the parameters object by object, each object's in the
    /// order of its sources; a service top's parameter that the mount
    /// object already has becomes that parameter.
    fn place_params(&mut self) -> Result<(), MountError> {
        for object in 0..self.objects.len() {
            let first = index(self.params.len());
            let mut by_name: HashMap<&'static str, ParamIx> = HashMap::new();
            for src in self.sources[object].clone() {
                let model = self.models[src.part];
                let desc = model.object(src.object);
                for (k, param) in model.params_of(src.object).iter().enumerate() {
                    let own = desc.first_param as usize + k;
                    if let Some(&existing) = by_name.get(param.name) {
                        let same = self.params[existing as usize].syntax.base == param.syntax.base;
                        if src.part == 0 || !same {
                            return Err(MountError::ParamClash {
                                path: format!("{}{}", self.objects[object].path, param.name),
                                service: model.name,
                            });
                        }
                        self.param_map[src.part][own] = existing;
                        continue;
                    }
                    let ix = index(self.params.len());
                    by_name.insert(param.name, ix);
                    self.param_map[src.part][own] = ix;
                    let mut placed = *param;
                    placed.object = index(object);
                    self.params.push(placed);
                }
            }
            let placed = &mut self.objects[object];
            placed.first_param = first;
            placed.param_count = index(self.params.len()) - first;
        }
        Ok(())
    }

    /// Translates every index the objects hold and leaks the result.
    fn finish(mut self) -> &'static ModelDesc {
        for object in 0..self.objects.len() {
            let children: Vec<ObjectIx> = self.children_of(index(object)).collect();
            let src = self.sources[object][0];
            let params = &self.param_map[src.part];
            let objects = &self.object_map[src.part];
            let translate = |p: ParamIx| params.get(p as usize).copied();
            let placed = &mut self.objects[object];
            placed.children = leak_slice(children);
            placed.parent = placed.parent.and_then(|p| objects.get(p as usize).copied());
            placed.num_entries = placed.num_entries.and_then(translate);
            placed.enable = placed.enable.and_then(translate);
            placed.unique_keys = leak_slice(
                placed
                    .unique_keys
                    .iter()
                    .map(|k| UniqueKey {
                        functional: k.functional,
                        params: leak_slice(k.params.iter().filter_map(|&p| translate(p)).collect()),
                    })
                    .collect(),
            );
        }
        self.link_counters();
        let name = leak(
            self.models
                .iter()
                .map(|m| m.name)
                .collect::<Vec<_>>()
                .join(" + "),
        );
        let parts = self
            .models
            .iter()
            .zip(self.object_map)
            .zip(self.param_map)
            .map(|((&model, objects), params)| Part {
                model,
                objects: leak_slice(objects),
                params: leak_slice(params),
            })
            .collect();
        Box::leak(Box::new(ModelDesc {
            name,
            is_service: false,
            objects: leak_slice(self.objects),
            params: leak_slice(self.params),
            parts: leak_slice(parts),
        }))
    }

    /// Gives a service table with no counter of its own the mount object's
    /// `<Name>NumberOfEntries`, as TR-181 declares `Device.Services.`'s.
    fn link_counters(&mut self) {
        for &point in self.points {
            let desc = self.objects[point as usize];
            for &child in desc.children {
                let table = self.objects[child as usize];
                if !table.table || table.num_entries.is_some() {
                    continue;
                }
                let wanted = format!("{}NumberOfEntries", table.name);
                let found = (desc.first_param..desc.first_param + desc.param_count)
                    .find(|&p| self.params[p as usize].name == wanted);
                self.objects[child as usize].num_entries = found;
            }
        }
    }
}

fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn leak_slice<T>(v: Vec<T>) -> &'static [T] {
    Box::leak(v.into_boxed_slice())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Tree;
    use crate::meta::testing::{object, param};
    use crate::value::{BaseType, Syntax, Value, Writer};

    static UINT: Syntax = Syntax::new(BaseType::UnsignedInt);
    static STRING: Syntax = Syntax::new(BaseType::String);

    /// A test object whose table is counted by parameter `counter`.
    const fn counted(object: ObjectDesc, counter: ParamIx) -> ObjectDesc {
        ObjectDesc {
            num_entries: Some(counter),
            ..object
        }
    }

    /// A root model whose `Services.` declares the voice counter, as
    /// TR-181 does, and has parameters after it, so that mounting moves them.
    static DEVICE: ModelDesc = ModelDesc {
        name: "Device:2.0",
        is_service: false,
        objects: &[
            object("Device.", "Device", None, false, (0, 1), &[1, 2, 3]),
            object("Device.Services.", "Services", Some(0), false, (1, 1), &[]),
            counted(
                object("Device.Host.{i}.", "Host", Some(0), true, (2, 1), &[]),
                0,
            ),
            object("Device.Info.", "Info", Some(0), false, (3, 1), &[]),
        ],
        params: &[
            param("HostNumberOfEntries", 0, &UINT),
            param("VoiceServiceNumberOfEntries", 1, &UINT),
            param("Name", 2, &STRING),
            param("Model", 3, &STRING),
        ],
        parts: &[],
    };

    static VOICE: ModelDesc = ModelDesc {
        name: "VoiceService:1.0",
        is_service: true,
        objects: &[
            object("", "", None, false, (0, 1), &[1]),
            counted(
                object(
                    "VoiceService.{i}.",
                    "VoiceService",
                    Some(0),
                    true,
                    (1, 2),
                    &[2],
                ),
                0,
            ),
            counted(
                object(
                    "VoiceService.{i}.Line.{i}.",
                    "Line",
                    Some(1),
                    true,
                    (3, 1),
                    &[],
                ),
                2,
            ),
        ],
        params: &[
            param("VoiceServiceNumberOfEntries", 0, &UINT),
            param("Name", 1, &STRING),
            param("LineNumberOfEntries", 1, &UINT),
            param("URI", 2, &STRING),
        ],
        parts: &[],
    };

    /// A second service with a counter the root does not declare.
    static STB: ModelDesc = ModelDesc {
        name: "STBService:1.0",
        is_service: true,
        objects: &[
            object("", "", None, false, (0, 1), &[1]),
            counted(
                object("STBService.{i}.", "STBService", Some(0), true, (1, 1), &[]),
                0,
            ),
        ],
        params: &[
            param("STBServiceNumberOfEntries", 0, &UINT),
            param("Enable", 1, &STRING),
        ],
        parts: &[],
    };

    fn both() -> &'static ModelDesc {
        mount(
            &DEVICE,
            &[("Device.Services.", &VOICE), ("Device.Services.", &STB)],
        )
        .unwrap()
    }

    fn resolve(model: &ModelDesc, path: &str) -> Option<Target> {
        model.resolve(&Path::parse(path).unwrap()).ok()
    }

    #[test]
    fn services_appear_under_the_mount_point_and_keep_their_own_indices() {
        let model = both();
        assert_eq!(model.name, "Device:2.0 + VoiceService:1.0 + STBService:1.0");
        assert!(!model.is_service);
        assert_eq!(model.objects.len(), 4 + 2 + 1);
        let paths: Vec<&str> = model.objects.iter().map(|o| o.path).collect();
        assert_eq!(
            paths[4..],
            [
                "Device.Services.VoiceService.{i}.",
                "Device.Services.VoiceService.{i}.Line.{i}.",
                "Device.Services.STBService.{i}.",
            ]
        );
        for (part, source) in model.parts.iter().zip([&DEVICE, &VOICE, &STB]) {
            assert!(std::ptr::eq(part.model, source));
            let place = model.part(source).unwrap();
            for (i, p) in source.params.iter().enumerate() {
                let mounted = model.param(place.param(i as u32));
                assert_eq!(mounted.name, p.name);
                let object = model.object(mounted.object);
                assert!(object.path.ends_with(source.object(p.object).path));
                assert!(model
                    .params_of(mounted.object)
                    .iter()
                    .any(|q| q.name == p.name));
            }
        }
        // Parameters stay grouped by object, as the engine needs.
        for (ix, o) in model.objects.iter().enumerate() {
            assert!(model
                .params_of(ix as u32)
                .iter()
                .all(|p| p.object == ix as u32));
            assert!(o
                .children
                .iter()
                .all(|&c| model.object(c).parent == Some(ix as u32)));
        }
        let voice = model.part(&VOICE).unwrap();
        assert_eq!(
            resolve(model, "Device.Services.VoiceService.3.Line.2.URI"),
            Some(Target::Param {
                param: voice.param(3),
                instances: vec![3, 2]
            })
        );
        assert_eq!(resolve(model, "Device.Services.Line."), None);
        assert!(model.part(&DEVICE).is_some() && model.part(model).is_some());
        static OTHER: ModelDesc = ModelDesc {
            name: "Other:1.0",
            ..DEVICE
        };
        assert!(model.part(&OTHER).is_none());
    }

    #[test]
    fn a_service_counter_the_root_declares_is_one_parameter() {
        let model = both();
        let services = model.params_of(1);
        let names: Vec<&str> = services.iter().map(|p| p.name).collect();
        assert_eq!(
            names,
            ["VoiceServiceNumberOfEntries", "STBServiceNumberOfEntries"]
        );
        let voice = model.part(&VOICE).unwrap();
        let root = model.part(&DEVICE).unwrap();
        assert_eq!(voice.param(0), root.param(1));
        let table = model.object(voice.object(1));
        assert_eq!(table.num_entries, Some(root.param(1)));
        // The table's own children and counters moved with it.
        let line = model.object(voice.object(2));
        assert_eq!(line.num_entries, Some(voice.param(2)));
    }

    #[test]
    fn one_tree_serves_the_whole_device() {
        let mut tree = Tree::new(both());
        tree.add_object("Device.Services.VoiceService.", Writer::Acs, None)
            .unwrap();
        tree.add_object("Device.Services.VoiceService.1.Line.", Writer::Acs, None)
            .unwrap();
        tree.add_object("Device.Services.STBService.", Writer::Acs, None)
            .unwrap();
        let batch = [
            (
                "Device.Services.VoiceService.1.Line.1.URI".into(),
                "sip:1@example.net".into(),
            ),
            ("Device.Info.Model".into(), "X1".into()),
        ];
        tree.set_values(&batch, Writer::Acs, None).unwrap();
        assert_eq!(
            tree.get("Device.Services.VoiceServiceNumberOfEntries")
                .unwrap(),
            Value::UnsignedInt(1)
        );
        assert_eq!(
            tree.get("Device.Services.STBServiceNumberOfEntries")
                .unwrap(),
            Value::UnsignedInt(1)
        );
        assert_eq!(
            tree.get("Device.Services.VoiceService.1.LineNumberOfEntries")
                .unwrap(),
            Value::UnsignedInt(1)
        );
        let names: Vec<String> = tree
            .walk("Device.Services.", false)
            .unwrap()
            .into_iter()
            .map(|i| i.path)
            .collect();
        assert_eq!(
            names,
            [
                "Device.Services.",
                "Device.Services.VoiceServiceNumberOfEntries",
                "Device.Services.STBServiceNumberOfEntries",
                "Device.Services.VoiceService.",
                "Device.Services.VoiceService.1.",
                "Device.Services.VoiceService.1.Name",
                "Device.Services.VoiceService.1.LineNumberOfEntries",
                "Device.Services.VoiceService.1.Line.",
                "Device.Services.VoiceService.1.Line.1.",
                "Device.Services.VoiceService.1.Line.1.URI",
                "Device.Services.STBService.",
                "Device.Services.STBService.1.",
                "Device.Services.STBService.1.Enable",
            ]
        );
        tree.factory_reset(&["Device.Info."]);
        assert!(tree.get("Device.Services.VoiceService.1.Name").is_err());
        assert_eq!(tree.get("Device.Info.Model").unwrap(), Value::from("X1"));
    }

    #[test]
    fn mount_points_must_be_single_objects_of_the_root() {
        let cases: [(&str, MountError); 5] = [
            (
                "Device.Nope.",
                MountError::NoMountPoint {
                    path: "Device.Nope.".into(),
                    model: "Device:2.0",
                },
            ),
            (
                "Device.Info.Model",
                MountError::NoMountPoint {
                    path: "Device.Info.Model".into(),
                    model: "Device:2.0",
                },
            ),
            (
                "not a path",
                MountError::NoMountPoint {
                    path: "not a path".into(),
                    model: "Device:2.0",
                },
            ),
            (
                "Device.Host.",
                MountError::InTable {
                    path: "Device.Host.".into(),
                    model: "Device:2.0",
                },
            ),
            (
                "Device.Host.1.",
                MountError::InTable {
                    path: "Device.Host.1.".into(),
                    model: "Device:2.0",
                },
            ),
        ];
        for (path, expected) in cases {
            assert_eq!(mount(&DEVICE, &[(path, &VOICE)]).unwrap_err(), expected);
        }
    }

    #[test]
    fn refuses_what_cannot_be_one_model() {
        assert_eq!(
            mount(&VOICE, &[]).unwrap_err(),
            MountError::RootIsService {
                model: "VoiceService:1.0"
            }
        );
        assert_eq!(
            mount(&DEVICE, &[("Device.Services.", &DEVICE)]).unwrap_err(),
            MountError::NotAService {
                model: "Device:2.0"
            }
        );
        assert_eq!(
            mount(both(), &[]).unwrap_err(),
            MountError::AlreadyMounted {
                model: "Device:2.0 + VoiceService:1.0 + STBService:1.0"
            }
        );
        let twice = mount(
            &DEVICE,
            &[("Device.Services.", &VOICE), ("Device.Services.", &VOICE)],
        )
        .unwrap_err();
        assert_eq!(
            twice,
            MountError::ObjectClash {
                path: "Device.Services.VoiceService.".into(),
                service: "VoiceService:1.0"
            }
        );
        assert_eq!(
            twice.to_string(),
            "VoiceService:1.0 cannot mount `Device.Services.VoiceService.`: the object is already there"
        );
        static ODD: ModelDesc = ModelDesc {
            name: "Odd:1.0",
            is_service: true,
            objects: &[object("", "", None, false, (0, 1), &[])],
            params: &[param("VoiceServiceNumberOfEntries", 0, &STRING)],
            parts: &[],
        };
        assert_eq!(
            mount(&DEVICE, &[("Device.Services.", &ODD)]).unwrap_err(),
            MountError::ParamClash {
                path: "Device.Services.VoiceServiceNumberOfEntries".into(),
                service: "Odd:1.0"
            }
        );
    }
}
