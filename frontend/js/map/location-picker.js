/**
 * THE location picker: a base map on which a person sets one point, by mouse or touch (click) or by keyboard
 * (the map is a tab stop; arrow keys move the pin, Shift+arrow moves it further, Enter sets it, Escape goes
 * back, + and - zoom). A live text says where the pin is (coordinates and district). Used by the proposal form,
 * the report form (also staff filing on someone's behalf) and, in "cursor" mode, the consultation form's area.
 *
 *   const picker = locationPicker({ municipality, config, value, onSet });
 *   form.append(picker.element);   // then, once it is in the document:
 *   picker.mount();                // returns picker; picker.destroy() on leaving the view
 *
 * Modes: "point" (default) keeps the set pin and reports it through onSet(point); "cursor" calls onSet(point)
 * for every Enter/click and keeps the pin as a movable cursor (e.g. for polygon corners); onSet may return a
 * text to announce instead of the default one. `help` is said before the keyboard help (default "Klicken Sie auf
 * die Karte."; "" when the form says it already). Points are {lat, lon}. The non-map alternatives (district
 * lists, coordinate fields) stay in the forms; they call picker.set(point) to move the pin (and the map follows).
 * "Meine Position" asks the browser where the person is (navigator.geolocation) and sets the pin there, unless
 * that lies outside the municipality: then the picker says so and sets nothing.
 * Above the map an address search (./address-search.js) moves the pin to a chosen address; in point mode a set
 * pin is looked up in reverse and the nearest address announced and passed to `onAddress(address|null)`
 * (the report form fills its address field with it). `addresses: false` leaves both out.
 */
import { h, uid } from "../dom.js";
import { t } from "../i18n.js";
import { addressSearch, nearestAddress } from "./address-search.js";
import { createBaseMap, L } from "./base.js";
import { clampToBbox, contains, describePlace, formatCoordinates, keyAction } from "./picker-logic.js";

export function locationPicker({
  municipality, config, value = null, onSet = () => {}, onAddress = () => {}, mode = "point", help, id, addresses = true,
}) {
  const helpId = uid("picker-help");
  const frame = h("div", { class: "map-frame picker-map", id: id || null });
  const status = h("p", { class: "picker-status", role: "status", "aria-live": "polite" });
  const locate = h("button", { type: "button", class: "secondary picker-locate", onclick: () => useMyPosition() }, t("picker.my_position"));
  const search = addresses && municipality.slug ? addressSearch({ slug: municipality.slug, onPick: (found) => goTo(found) }) : null;
  const element = h(
    "div",
    { class: "location-picker" },
    search ? search.element : null,
    h("p", { id: helpId, class: "hint" }, [help ?? t("picker.help"), t("picker.keys")].filter(Boolean).join(" ")),
    h("p", { class: "picker-tools" }, locate),
    frame,
    status,
  );
  let current = value; // the set point (point mode)
  let draft = null; // where the keyboard has moved the pin to, not yet set
  let base = null;
  let marker = null;
  let lookup = null; // the reverse lookup of the last set pin, aborted when the pin moves again
  let spoken = 0; // counts what the status said: a late lookup answer must not overwrite a newer message

  function drawPin(point, { pending = false } = {}) {
    if (!base) return;
    const latlng = [point.lat, point.lon];
    if (!marker) {
      marker = L.marker(latlng, { keyboard: false, alt: t("picker.pin_alt"), interactive: false }).addTo(base.map);
    } else {
      marker.setLatLng(latlng);
    }
    marker.setOpacity(pending ? 0.6 : 1);
  }

  function removePin() {
    if (marker) marker.remove();
    marker = null;
  }

  function say(text) {
    spoken += 1;
    status.textContent = text;
  }

  function place(point) {
    return describePlace(point, municipality);
  }

  function commit(point, { address } = {}) {
    draft = null;
    const said = onSet(point);
    if (mode === "point") {
      current = point;
      drawPin(point);
      const text = said || t("picker.set", { place: place(point) });
      say(text);
      if (address) onAddress(address);
      else if (addresses && municipality.slug) announceNearest(point, text);
    } else {
      drawPin(point, { pending: true });
      say(said || t("picker.set", { place: place(point) }));
    }
  }

  async function announceNearest(point, text) {
    if (lookup) lookup.abort();
    lookup = new AbortController();
    const before = spoken;
    const found = await nearestAddress(municipality.slug, point, lookup.signal);
    if (current !== point) return; // the pin moved on meanwhile
    onAddress(found);
    if (spoken !== before) return; // the person did something else meanwhile (e.g. Escape): keep that message
    const key = found && found.approximate ? "address.nearest_approx" : "address.nearest";
    say(`${text} ${found ? t(key, { label: found.label }) : t("address.no_nearest")}`);
  }

  /** An address chosen in the search: the pin (point mode) or the cursor (cursor mode) goes there. */
  function goTo(found) {
    const point = { lat: found.lat, lon: found.lon };
    if (base) base.map.setView([point.lat, point.lon], Math.max(base.map.getZoom(), 17), { animate: false });
    if (mode === "point") {
      commit(point, { address: found });
    } else {
      draft = point;
      drawPin(point, { pending: true });
      say(t("address.picked", { label: found.label }));
    }
  }

  function keepInView(point) {
    if (!base) return;
    const latlng = L.latLng(point.lat, point.lon);
    if (!base.map.getBounds().pad(-0.1).contains(latlng)) base.map.panTo(latlng, { animate: false });
  }

  function useMyPosition() {
    if (!navigator.geolocation) {
      say(t("picker.position_unsupported"));
      return;
    }
    say(t("picker.position_asking"));
    locate.setAttribute("aria-disabled", "true");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        locate.removeAttribute("aria-disabled");
        const point = { lat: position.coords.latitude, lon: position.coords.longitude };
        if (municipality.boundary && !contains(municipality.boundary, point)) {
          say(t("picker.position_outside", { where: formatCoordinates(point), name: municipality.name }));
          return;
        }
        commit(point);
        keepInView(point);
      },
      (failure) => {
        locate.removeAttribute("aria-disabled");
        say(t(failure && failure.code === 1 ? "picker.position_denied" : "picker.position_unavailable"));
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  }

  function onKey(event) {
    if (event.target !== frame) return; // keys on the zoom buttons and links inside the map stay theirs
    const action = keyAction(event);
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    const map = base.map;
    if (action.type === "zoom") {
      map.setZoom(map.getZoom() + action.delta, { animate: false });
      return;
    }
    if (action.type === "cancel") {
      draft = null;
      if (current && mode === "point") {
        drawPin(current);
        say(t("picker.back", { place: place(current) }));
      } else {
        removePin();
        say(t("picker.none"));
      }
      return;
    }
    const start = draft || (mode === "point" ? current : marker && fromLatLng(marker.getLatLng()));
    if (action.type === "set") {
      if (start) commit(start);
      else say(t("picker.first_move"));
      return;
    }
    let next;
    if (!start) {
      next = fromLatLng(map.getCenter());
    } else {
      const pixel = map.latLngToContainerPoint([start.lat, start.lon]).add([action.dx, action.dy]);
      next = clampToBbox(fromLatLng(map.containerPointToLatLng(pixel)), municipality.bbox);
    }
    draft = next;
    drawPin(next, { pending: true });
    keepInView(next);
    say(t("picker.moving", { place: place(next) }));
  }

  return {
    element,
    /** Draw the map (the element must be in the document). */
    mount() {
      base = createBaseMap(frame, { municipality, config, districtLabels: false });
      const map = base.map;
      map.keyboard.disable(); // Leaflet's arrow keys pan; here they move the pin
      frame.setAttribute("tabindex", "0");
      frame.setAttribute("role", "application");
      frame.setAttribute("aria-roledescription", t("picker.roledescription"));
      frame.setAttribute("aria-label", t("picker.label", { name: municipality.name }));
      frame.setAttribute("aria-describedby", helpId);
      frame.addEventListener("keydown", onKey);
      // A click on a district must set the point there, not zoom to the district.
      base.districts.eachLayer((layer) => layer.off("click"));
      map.on("click", (event) => commit(fromLatLng(event.latlng)));
      if (current) drawPin(current);
      return this;
    },
    /** The set point ({lat, lon}) or null. */
    value: () => current,
    /** Move the pin to a point from another input (e.g. coordinate fields), without calling onSet. */
    set(point) {
      draft = null;
      current = point;
      if (point) {
        drawPin(point);
        keepInView(point);
      } else {
        removePin();
      }
    },
    clear() {
      this.set(null);
      say("");
    },
    /** Announce a text in the picker's live region (e.g. the number of corners drawn). */
    say,
    get map() {
      return base && base.map;
    },
    destroy() {
      if (lookup) lookup.abort();
      if (search) search.destroy();
      if (base) base.destroy();
      base = null;
    },
  };
}

function fromLatLng(latlng) {
  return { lat: latlng.lat, lon: latlng.lng };
}
