-- The storage floor's transaction (bench/lib.sh, floor): :rows copies of a row the receiver stored
-- (floor_row) committed at once into a table like notification, indexes and lz4 included.
INSERT INTO floor_notification (received_at, event_time, event_time_raw, publisher, auth_method,
    peer_address, base_path, encoding, content_type, envelope, notification_type, subscription_id,
    hostname, sequence_number, payload_size, payload)
SELECT clock_timestamp(), event_time, event_time_raw, publisher, auth_method, peer_address, base_path,
    encoding, content_type, envelope, notification_type, subscription_id, hostname, sequence_number,
    payload_size, payload
FROM floor_row, generate_series(1, :rows);
